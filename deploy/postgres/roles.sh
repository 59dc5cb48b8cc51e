#!/bin/sh
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): the two roles of
# council/db_roles.py. "council" owns the database and its tables and runs the migrations; "council_app" is
# the role the site, the workers, beat and the backups connect as: no superuser, owner of nothing.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE council LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '${COUNCIL_OWNER_PASSWORD}';
CREATE ROLE council_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${COUNCIL_APP_PASSWORD}';
CREATE DATABASE council OWNER council;
REVOKE ALL ON DATABASE council FROM PUBLIC;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname council -c "ALTER SCHEMA public OWNER TO council"
