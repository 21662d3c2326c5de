DROP TABLE field_values;
DROP TABLE field_groups;
DROP TABLE block_refs;
