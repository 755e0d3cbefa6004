#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

struct node *list_push(struct node *head, int value) {
    struct node *n = malloc(sizeof *n);
    n->value = value;
    n->next = head;
    return n;
}

int list_sum(const struct node *head) {
    int s = 0;
    for (const struct node *p = head; p != NULL; p = p->next) {
        s += p->value;
    }
    return s;
}

void list_free(struct node *head) {
    while (head) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
}
