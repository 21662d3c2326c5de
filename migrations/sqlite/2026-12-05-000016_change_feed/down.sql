DROP TABLE change_log;
DROP TABLE changes;
