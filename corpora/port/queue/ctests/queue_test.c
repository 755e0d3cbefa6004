/* The C project's own test: fills the queue past its capacity and drains it. */
#include <stdio.h>

struct queue {
    int items[16];
    int head;
    int size;
};

void q_init(struct queue *q);
int q_push(struct queue *q, int v);
int q_pop(struct queue *q, int *out);
int q_peek(const struct queue *q);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    struct queue q;
    q_init(&q);
    CHECK(q_peek(&q) == -1);
    for (int i = 0; i < 20; i++) {
        CHECK(q_push(&q, i * i) == (i < 16 ? 0 : -1));
    }
    int v = 0;
    for (int i = 0; i < 16; i++) {
        CHECK(q_peek(&q) == i * i);
        CHECK(q_pop(&q, &v) == 0 && v == i * i);
    }
    CHECK(q_pop(&q, &v) == -1);
    return failures != 0;
}
