"""Reading and checking the geodata folder: files in, a validated dataset out.

Nothing here imports rendering or UI code (tests/test_layers.py holds the line).
"""
