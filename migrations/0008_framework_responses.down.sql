DROP TABLE framework_responses;
