-- reporting: thin views onto the newest contract version (reporting_v1 today).
create schema if not exists reporting;
create or replace view reporting.documents as select * from reporting_v1.documents;
create or replace view reporting.sections as select * from reporting_v1.sections;
create or replace view reporting.indicators as select * from reporting_v1.indicators;
create or replace view reporting.glossary as select * from reporting_v1.glossary;
create or replace view reporting.terms as select * from reporting_v1.terms;
create or replace view reporting.growth_targets as select * from reporting_v1.growth_targets;
