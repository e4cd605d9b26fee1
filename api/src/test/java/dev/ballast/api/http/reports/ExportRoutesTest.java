package dev.ballast.api.http.reports;

/** The exports on embedded H2. */
class ExportRoutesTest extends ExportRoutesContract {
  @Override
  String databaseConfig() {
    return "";
  }
}
