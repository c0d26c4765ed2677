"""Importing legacy minutes files (and exporting minutes): reading, matching names, previewing, applying.

- ``reading``: a file's bytes → a ``Minutes`` document, or why not (with the line);
- ``names``: the names in the minutes matched to the directory, proposals for the rest;
- ``plan``: the series, the duplicates and the counts — what importing would do;
- ``apply``: the confirmed plan written to the database (called by ``meetings.actions.importing``);
- ``exporting``: minutes of meetings written out as files, for ``lieguan export``.
"""
