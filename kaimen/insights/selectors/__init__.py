"""Scoped reads of the insights app, one module per view of the data.

- `dashboard`: a staff member's problems by colour, state and unit, overdue list, panels;
- `sources`: one function per other app that adds a panel (reports, topics, satisfaction);
- `league`: the monthly league table of units (晾晒通报);
- `rollup`: totals by indicator code over a jurisdiction's subtree, per child, by year;
- `trends`: a theme's figures year by year;
- `opendata`: the published records as rows for CSV, XLSX and JSON.
"""
