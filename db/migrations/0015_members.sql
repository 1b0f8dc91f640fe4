-- The people of this CPTS who may sign in to the pages, and their role here. An identity provider
-- says who someone is; this table says what they may do: a person it does not list gets no session.
--   national_id     the Pro Santé Connect national identifier (SubjectNameID, "8" + RPPS for an RPPS holder)
--   practitioner_id the directory practitioner they are (GPs, nurses): their RPPS maps them too
--   email           the staff provider's e-mail (coordinator, MMG secretary), compared lower-case
--   role            NULL: known but not yet given a role (sign-in refused with a page saying whom to ask)
CREATE TABLE members (
    id              uuid PRIMARY KEY,
    display_name    text NOT NULL,
    role            text CHECK (role IN ('coordinator', 'practitioner', 'nurse', 'regulator', 'secretary')),
    practitioner_id uuid REFERENCES practitioners (id),
    national_id     text,
    email           text,
    created_at      timestamptz NOT NULL,
    CONSTRAINT members_practitioner_key UNIQUE (practitioner_id),
    CONSTRAINT members_national_id_key UNIQUE (national_id),
    CONSTRAINT members_practitioner_role CHECK (role IS NULL OR role NOT IN ('practitioner', 'nurse') OR practitioner_id IS NOT NULL)
);
CREATE UNIQUE INDEX members_email_key ON members (lower(email));
