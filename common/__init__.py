"""What the server and the device apps share without touching the database: languages,
money formatting, form values, safe redirects (redirects.py), and the devices' HTTP client.

The device shell the terminal and the pickup station both stand on: device_app.py (the
Flask app), device_shell.py (who this device is, its printer), wire.py (orders and scans
as the server sends them), screens.py (page or partial, error pages), recent.py (what
is kept for a reprint), receipts.py and pickup_code.py (what every paper shares).
"""
