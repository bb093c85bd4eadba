"""Drivers behind small interfaces: receipt printers, scanners, card reader, and their fakes.

No Flask and no database here; heavy optional imports (escpos, usb, cv2, pyzbar)
happen inside the functions that need them.
"""
