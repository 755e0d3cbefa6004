#include <stddef.h>
#include <stdint.h>

#define RB_CAP 8

typedef struct ring {
    uint8_t buf[RB_CAP];
    size_t head;
    size_t count;
} ring_t;

void rb_init(ring_t *r) {
    r->head = 0;
    r->count = 0;
}

int rb_push(ring_t *r, uint8_t v) {
    if (r->count == RB_CAP) {
        return 0;
    }
    r->buf[(r->head + r->count) % RB_CAP] = v;
    r->count++;
    return 1;
}

int rb_pop(ring_t *r, uint8_t *out) {
    if (r->count == 0) {
        return 0;
    }
    *out = r->buf[r->head];
    r->head = (r->head + 1) % RB_CAP;
    r->count--;
    return 1;
}

size_t rb_len(const ring_t *r) {
    return r->count;
}
