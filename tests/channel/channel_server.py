#!/usr/bin/env python3
"""A static web server for tests/channel/fetch_test.cpp, behaving like any static web server:
serves DIR on a free port of 127.0.0.1 (printed as the first line: "port N"), answers a
"Range: bytes=N-" request with 206 Partial Content, logs every request to LOG as
"GET /path" (+ " bytes=N-" for a range). Faults a test asks for:
  --cut-after N   the first whole-file response under bundles/ or patches/ promises the whole
                  file but closes after N bytes (a link that breaks mid-download)
  --no-range      ignores Range and sends the whole file with 200 (servers that cannot resume)
  --stall-after N the first whole-file response under bundles/ or patches/ sends N bytes, then
                  nothing more, keeping the connection open (a link that hangs)
  --trickle N     whole-file responses under bundles/ or patches/ send N pieces of 1 KiB half a
                  second apart before the rest (a slow link that still moves)
Python's own http.server does not do ranges, hence this small handler on top of it."""
import argparse
import http.server
import os
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("log")
parser.add_argument("--cut-after", type=int, default=-1)
parser.add_argument("--no-range", action="store_true")
parser.add_argument("--stall-after", type=int, default=-1)
parser.add_argument("--trickle", type=int, default=0)
args = parser.parse_args()
root = os.path.realpath(args.dir)
cut_pending = args.cut_after >= 0
stall_pending = args.stall_after >= 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        global cut_pending, stall_pending
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        wanted = self.headers.get("Range", "")
        with open(args.log, "a") as log:
            log.write("GET " + path + (" " + wanted if wanted else "") + "\n")
        file = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if not file.startswith(root + os.sep) or not os.path.isfile(file):
            self.send_error(404)
            return
        with open(file, "rb") as f:
            data = f.read()
        start = 0
        if wanted.startswith("bytes=") and wanted.endswith("-") and not args.no_range:
            start = int(wanted[len("bytes="):-1])
            if start >= len(data):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "none" if args.no_range else "bytes")
        self.end_headers()
        big = start == 0 and path.startswith(("/bundles/", "/patches/"))
        if cut_pending and big:
            cut_pending = False
            self.wfile.write(body[: args.cut_after])
            self.wfile.flush()
            self.close_connection = True
            return
        if stall_pending and big:
            stall_pending = False
            self.wfile.write(body[: args.stall_after])
            self.wfile.flush()
            time.sleep(600)  # until the client gives up and the test kills the server
            return
        if args.trickle and big:
            for i in range(args.trickle):
                self.wfile.write(body[i * 1024 : (i + 1) * 1024])
                self.wfile.flush()
                time.sleep(0.5)
            body = body[args.trickle * 1024 :]
        self.wfile.write(body)

    def log_message(self, format, *log_args):
        pass  # the LOG file is the record


# Threads: a stalled response must not hold up the next request.
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
