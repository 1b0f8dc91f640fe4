-- The phone a regulator gives the patient: the practice's own number, shown with its address.
ALTER TABLE sites ADD COLUMN phone text;
