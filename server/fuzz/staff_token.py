#!/usr/bin/env python3
"""Prints an HS256 staff token that the fuzz targets' TokenService accepts (fakes/staff_auth.hpp: its secret, and
its clock stopped at 1780000000), for the auth frames of the corpora: staff_token.py <user id> <username> <role>."""
import base64, hashlib, hmac, json, sys

SECRET = b"livedesk-fuzz-secret-0123456789abcdef"
ISSUED_AT = 1780000000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(claims: dict) -> str:
    signed = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode()) + "." + \
        b64(json.dumps(claims, separators=(",", ":")).encode())
    return signed + "." + b64(hmac.new(SECRET, signed.encode(), hashlib.sha256).digest())


if __name__ == "__main__":
    user_id, username, role = sys.argv[1:4]
    print(token({"sub": user_id, "kind": "staff", "iat": ISSUED_AT, "exp": ISSUED_AT + 3600,
                 "username": username, "role": role}))
