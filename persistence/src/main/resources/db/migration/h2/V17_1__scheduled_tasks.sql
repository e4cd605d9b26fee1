-- db-scheduler's own table (issue 14): every durable job's next execution, who picked it and its
-- heartbeat, so that a restart or another node finds the job where the last one left it.
CREATE TABLE scheduled_tasks (
  task_name VARCHAR(250) NOT NULL,
  task_instance VARCHAR(250) NOT NULL,
  task_data BLOB,
  execution_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  picked BOOLEAN NOT NULL,
  picked_by VARCHAR(250),
  last_success TIMESTAMP(6) WITH TIME ZONE,
  last_failure TIMESTAMP(6) WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat TIMESTAMP(6) WITH TIME ZONE,
  version BIGINT NOT NULL,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_idx ON scheduled_tasks (priority DESC, execution_time ASC);
