-- Settings of the read side that are fixed at the first start of a database, such as the number of
-- slices its events are tagged into (name 'slices').
CREATE TABLE read_side_settings (
  name VARCHAR(100) PRIMARY KEY,
  setting_value VARCHAR(200) NOT NULL
);
