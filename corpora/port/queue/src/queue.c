#define QCAP 16

struct queue {
    int items[QCAP];
    int head;
    int size;
};

void q_init(struct queue *q) {
    q->head = 0;
    q->size = 0;
}

int q_push(struct queue *q, int v) {
    if (q->size >= QCAP) {
        return -1;
    }
    q->items[(q->head + q->size) % QCAP] = v;
    q->size++;
    return 0;
}

int q_pop(struct queue *q, int *out) {
    if (q->size == 0) {
        return -1;
    }
    *out = q->items[q->head];
    q->head = (q->head + 1) % QCAP;
    q->size--;
    return 0;
}

int q_peek(const struct queue *q) {
    return q->size > 0 ? q->items[q->head] : -1;
}
