DROP TABLE event_details;
