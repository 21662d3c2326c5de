DROP TABLE login_throttle;
DROP TABLE revisions;
DROP TABLE entry_terms;
DROP TABLE terms;
DROP TABLE entries;
DROP TABLE users;
