"""A libzmq peer (through pyzmq) for the transport tests: talks to one of our sockets and prints what it saw.

  zmq_peer.py dealer PORT   DEALER with identity 'peer-1': sends two frames, expects the ROUTER's answer
  zmq_peer.py sub PORT      SUB subscribed to 'news.': prints the messages it gets until 'news.end'
  zmq_peer.py req PORT      REQ: sends a request, expects it echoed
Exits 0 when the exchange went as expected, 1 otherwise (with the reason on stderr).
"""
import sys
import time

import zmq


def fail(message):
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    ctx = zmq.Context()
    endpoint = f"tcp://127.0.0.1:{port}"
    if mode == "dealer":
        s = ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.IDENTITY, b"peer-1")
        s.setsockopt(zmq.LINGER, 1000)
        s.connect(endpoint)
        s.send_multipart([b"hello", b"x" * 300])
        if not s.poll(10000):
            fail("no answer from the ROUTER")
        frames = s.recv_multipart()
        if frames[0] != b"answer" or len(frames[1]) != 100000 or frames[2] != b"":
            fail(f"unexpected answer: {[len(f) for f in frames]}")
        print("dealer ok", flush=True)
    elif mode == "sub":
        s = ctx.socket(zmq.SUB)
        s.setsockopt(zmq.SUBSCRIBE, b"news.")
        s.connect(endpoint)
        print("subscribed", flush=True)
        got = []
        deadline = time.time() + 20
        while time.time() < deadline:
            if not s.poll(200):
                continue
            frames = s.recv_multipart()
            got.append(frames[0].decode())
            if frames[0] == b"news.end":
                break
        print(" ".join(got), flush=True)
        if "other.topic" in got:
            fail("received a topic it did not subscribe to")
        if not got or got[-1] != "news.end":
            fail(f"did not get news.end: {got}")
    elif mode == "req":
        s = ctx.socket(zmq.REQ)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(endpoint)
        for i in range(3):
            s.send(b"ping %d" % i)
            if not s.poll(10000):
                fail("no echo from the REP")
            if s.recv() != b"ping %d" % i:
                fail("the echo differs")
        print("req ok", flush=True)
    else:
        fail(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
