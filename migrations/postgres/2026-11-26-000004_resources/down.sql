DROP TABLE resource_details;
