ARG BASE=alpine:3.20
# ruleid: docker-latest-tag
FROM ubuntu:latest AS one
# ruleid: docker-latest-tag
FROM --platform=linux/amd64 nginx AS two
# ok: docker-latest-tag
FROM nginx:1.27-alpine AS three
# ok: docker-latest-tag
FROM registry.example.com:5000/team/app@sha256:4bf2a1c3d6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5 AS four
# ok: docker-latest-tag
FROM ${BASE} AS five
# ok: docker-latest-tag
FROM one
# ok: docker-latest-tag
FROM scratch
USER 1000
