"""What the server and the device apps share without touching the database: languages,
money formatting, and the devices' HTTP client for the server's API."""
