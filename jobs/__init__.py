"""Scheduled work on a job engine: which jobs exist and when they are due (``schedule``), the
operators' record of each run and its tasks (``runs``: ``job_runs``, ``job_tasks``), the
procrastinate tasks that workers run on PostgreSQL (``engine``: a money fund's income split
into parallel ranges and one booking task), and the same work run in process for SQLite
(``work``). It calls the domains' services; the domains never import it."""
