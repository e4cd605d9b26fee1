package dev.ballast.api.http.jobs;

/** The body of PUT /api/jobs/{job}/schedule: {"schedule": "every:4h" | "cron:0 0 9 * * *", "zone": "Europe/Paris"}. */
public record ScheduleRequest(String schedule, String zone) {}
