DROP TABLE entry_media;
DROP TABLE media;
