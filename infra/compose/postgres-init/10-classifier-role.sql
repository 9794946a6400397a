-- The classifier's database login (issue 19): a member of vigil_hash_bank_reader, which moderation's
-- migration 0006 grants USAGE on its schema and SELECT on hash_banks and bank_hashes, nothing else.
-- PostgreSQL's image runs this once, on a fresh data volume. On an existing volume run it once by hand:
--   docker compose -f infra/compose/docker-compose.yml exec postgres \
--     psql -U vigil -d vigil -f /docker-entrypoint-initdb.d/10-classifier-role.sql
-- The password is for this local compose file only (PostgreSQL is published on 127.0.0.1); deployments
-- set their own (infra/k8s/classifier.yaml).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigil_hash_bank_reader') THEN
    CREATE ROLE vigil_hash_bank_reader NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigil_classifier') THEN
    CREATE ROLE vigil_classifier LOGIN PASSWORD 'vigil_classifier' IN ROLE vigil_hash_bank_reader;
  END IF;
END $$;
