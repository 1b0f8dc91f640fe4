-- A partner's weekly block can be ended by the coordinator (DELETE /api/rooms/{roomId}/reservations/{id}):
-- a block that already applied keeps its past (valid_to becomes yesterday), a block not yet begun goes.
-- ended_at is the last change a room feed's stamp must see besides creations.
ALTER TABLE room_reservations ADD COLUMN ended_at timestamptz;
