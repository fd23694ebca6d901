#!/usr/bin/env python3
"""Writes a mono 16-bit 16 kHz PCM WAV file of exactly SIZE bytes (default 102400): a 440 Hz tone."""
import math
import struct
import sys

path = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 100 * 1024
rate = 16000
samples = (size - 44) // 2
pcm = bytearray()
for i in range(samples):
    pcm += struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate)))
header = (b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVE" + b"fmt "
          + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(pcm)))
with open(path, "wb") as f:
    f.write(header + pcm)
