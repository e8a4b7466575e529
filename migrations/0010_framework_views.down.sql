DROP TABLE framework_views;
