#!/usr/bin/env bash
# Real recordings for the audio tests, made with Debian's espeak-ng, sox and ffmpeg:
#   install             installs the three when one is missing (as root, or through sudo)
#   make DIR [TEXT]     speaks TEXT (default "hello world") with espeak-ng and writes it in every upload format of
#                       the OpenAI API, at several rates, widths and channel counts (the names say which)
#   long DIR SECONDS    a recording of SECONDS of continuous speech at 22.05 kHz (espeak-ng's rate): DIR/long-SECONDS.wav
#   seeds DIR           a short file of each format, for the fuzz tests' seed corpora (a few KB each)
# The tests call it (TestingAudioFiles); nothing it makes is committed except the seeds.
set -euo pipefail

usage() { echo "usage: $0 install | make DIR [TEXT] | long DIR SECONDS | seeds DIR" >&2; exit 2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "$0: installing espeak-ng, sox and ffmpeg needs root or sudo" >&2
    exit 1
  fi
}

install() {
  if command -v espeak-ng >/dev/null 2>&1 && command -v sox >/dev/null 2>&1 && command -v ffmpeg >/dev/null 2>&1; then
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet; refresh them only when the first attempt cannot find the packages.
  if ! as_root apt-get install -y -qq espeak-ng sox ffmpeg >/dev/null 2>&1; then
    as_root apt-get update -qq >/dev/null
    as_root apt-get install -y -qq espeak-ng sox ffmpeg >/dev/null
  fi
  for tool in espeak-ng sox ffmpeg; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool still not on PATH" >&2; exit 1; }
  done
}

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# make DIR TEXT: the speech once, then every format from it.
make_all() {
  local dir=$1 text=$2
  mkdir -p "$dir"
  local src="$dir/source-22k.wav"
  espeak-ng -w "$src" "$text"
  sox "$src" -r 8000 -b 8 -e unsigned-integer "$dir/wav-8k-u8-mono.wav"
  sox "$src" -r 16000 -b 16 "$dir/wav-16k-s16-mono.wav"
  cp "$src" "$dir/wav-22k-s16-mono.wav"
  sox "$src" -r 24000 -b 24 -c 2 "$dir/wav-24k-s24-stereo.wav"
  sox "$src" -r 32000 -b 32 -e signed-integer "$dir/wav-32k-s32-mono.wav"
  sox "$src" -r 44100 -b 16 -c 2 "$dir/wav-44k-s16-stereo.wav"
  sox "$src" -r 48000 -b 32 -e floating-point -c 2 "$dir/wav-48k-f32-stereo.wav"
  ff -i "$src" -ar 44100 -ac 2 -c:a libmp3lame -b:a 128k "$dir/mp3-44k-stereo.mp3"
  ff -i "$src" -ar 22050 -c:a libmp3lame -b:a 48k -f mp3 "$dir/mpga-22k-mono.mpga"
  ff -i "$src" -ar 16000 -c:a libmp3lame -b:a 32k -f mp3 "$dir/mpeg-16k-mono.mpeg"
  ff -i "$src" -ar 48000 -c:a aac -b:a 96k "$dir/m4a-48k-aac.m4a"
  ff -i "$src" -ar 44100 -c:a aac -b:a 64k -f mp4 "$dir/mp4-44k-aac.mp4"
  ff -i "$src" -ar 48000 -c:a libopus -b:a 32k "$dir/ogg-48k-opus.ogg"
  ff -i "$src" -ar 44100 -c:a libvorbis -q:a 3 "$dir/ogg-44k-vorbis.ogg"
  ff -i "$src" -ar 16000 -c:a flac "$dir/flac-16k-s16.flac"
  ff -i "$src" -ar 48000 -c:a flac -sample_fmt s32 "$dir/flac-48k-s24.flac"
  ff -i "$src" -ar 48000 -c:a libopus -b:a 32k "$dir/webm-48k-opus.webm"
  rm -f "$src"
}

# long DIR SECONDS: sentences spoken back to back (with espeak-ng's own pauses) until SECONDS are filled.
make_long() {
  local dir=$1 seconds=$2 out
  mkdir -p "$dir"
  out="$dir/long-$seconds.wav"
  local text="The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. It is easy to tell the depth of a well. These days a chicken leg is a rare dish. Rice is often served in round bowls. The juice of lemons makes fine punch. The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage. Four hours of steady work faced us. A large size in stockings is hard to sell."
  espeak-ng -w "$dir/long-part.wav" "$text"
  local part repeats
  part=$(soxi -D "$dir/long-part.wav")
  repeats=$(awk -v s="$seconds" -v p="$part" 'BEGIN { n = int(s / p); print (n < 1 ? 0 : n) }')
  sox "$dir/long-part.wav" "$dir/long-joined.wav" repeat "$repeats"
  sox "$dir/long-joined.wav" "$out" trim 0 "$seconds"
  rm -f "$dir/long-part.wav" "$dir/long-joined.wav"
}

# seeds DIR: a quarter second of each format, small enough to commit.
make_seeds() {
  local dir=$1
  mkdir -p "$dir"
  local src
  src=$(mktemp --suffix=.wav)
  espeak-ng -w "$src" "hi"
  sox "$src" "$src.cut.wav" trim 0 0.25
  ff -i "$src.cut.wav" -ar 8000 -f wav "$dir/wav-8k-s16"
  sox "$src.cut.wav" -r 8000 -b 8 -e unsigned-integer -t wav "$dir/wav-8k-u8"
  sox "$src.cut.wav" -r 8000 -b 32 -e floating-point -c 2 -t wav "$dir/wav-8k-f32-stereo"
  ff -i "$src.cut.wav" -ar 8000 -c:a libmp3lame -b:a 8k -f mp3 "$dir/mp3-8k"
  ff -i "$src.cut.wav" -ar 8000 -c:a aac -b:a 16k -f mp4 "$dir/m4a-8k-aac"
  ff -i "$src.cut.wav" -ar 8000 -c:a aac -b:a 16k -f adts "$dir/aac-8k-adts"
  ff -i "$src.cut.wav" -ar 8000 -c:a libopus -b:a 6k -f ogg "$dir/ogg-opus"
  ff -i "$src.cut.wav" -ar 8000 -c:a libvorbis -q:a 0 -f ogg "$dir/ogg-vorbis"
  ff -i "$src.cut.wav" -ar 8000 -c:a flac -f flac "$dir/flac-8k"
  ff -i "$src.cut.wav" -ar 8000 -c:a libopus -b:a 6k -f webm "$dir/webm-opus"
  rm -f "$src" "$src.cut.wav"
}

case "${1:-}" in
  install) install ;;
  make) [ $# -ge 2 ] || usage; install; make_all "$2" "${3:-hello world}" ;;
  long) [ $# -eq 3 ] || usage; install; make_long "$2" "$3" ;;
  seeds) [ $# -eq 2 ] || usage; install; make_seeds "$2" ;;
  *) usage ;;
esac
