"""Reading pickup codes from the pickup station's camera.

decode.py turns one frame into a code (or None), with locate.py, bars.py, areas.py and
fit.py as its stages; burst.py reads the first code in a few frames, as the clerk sees
it; scanner.py runs the camera loop.
Needs OpenCV, pyzbar (with libzbar0) and zxing-cpp; nothing in server/ imports this.
"""
