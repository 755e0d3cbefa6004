FROM alpine:3.20
# ruleid: docker-add-url
ADD https://example.com/tool.tar.gz /opt/
# ok: docker-add-url
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/
# ok: docker-add-url
ADD vendor/tool.tar.gz /opt/
# ruleid: docker-add-url
ADD --chown=1000 \
    http://example.com/other.bin /usr/local/bin/other
USER 1000
