"""The store: the register's database (SQLite or PostgreSQL) and every table kept in it."""
