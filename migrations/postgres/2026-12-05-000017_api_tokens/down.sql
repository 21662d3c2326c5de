DROP TABLE previews;
DROP TABLE api_tokens;
