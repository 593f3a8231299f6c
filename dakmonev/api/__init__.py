"""Shared pieces of the REST API v1: error bodies, pagination, throttles, token login, schema helpers."""
