DROP TABLE page_details;
