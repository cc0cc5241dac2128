/*
 * udp-replay: paced UDP replay for the sFlow ingest benchmark, so the sender is never the
 * bottleneck (a Node sender tops out near 100k datagrams/s on this machine kind).
 *
 *   udp-replay FILE PORT RATE SECONDS
 *
 * FILE holds the datagrams to loop over, each as a 4-byte big-endian length + bytes. Every
 * datagram's sFlow sequence number (bytes 16..19, IPv4 agent) is rewritten to 1, 2, 3, …
 * Sends to 127.0.0.1:PORT with sendmmsg in batches, paced against CLOCK_MONOTONIC, and
 * prints {"sent":N,"sendErrors":E,"bytes":B,"elapsed":S}.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAXD 4096

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: udp-replay FILE PORT RATE SECONDS\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  static unsigned char *data[MAXD];
  static size_t len[MAXD];
  int n = 0;
  unsigned char h[4];
  while (n < MAXD && fread(h, 1, 4, f) == 4) {
    len[n] = (size_t)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3];
    data[n] = malloc(len[n]);
    if (fread(data[n], 1, len[n], f) != len[n]) { fprintf(stderr, "short file\n"); return 2; }
    n++;
  }
  fclose(f);
  if (n == 0) { fprintf(stderr, "no datagrams in %s\n", argv[1]); return 2; }
  int port = atoi(argv[2]);
  double rate = atof(argv[3]), seconds = atof(argv[4]);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (connect(s, (struct sockaddr *)&to, sizeof to) != 0) { perror("connect"); return 2; }
  int sndbuf = 4 << 20;
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);

  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH];
  unsigned char *bufs[BATCH];
  for (int i = 0; i < BATCH; i++) bufs[i] = malloc(65536);
  uint64_t sent = 0, errors = 0, bytes = 0;
  double start = now(), end = start + seconds;
  for (;;) {
    double t = now();
    if (t >= end) break;
    uint64_t due = (uint64_t)((t - start) * rate);
    if (due <= sent) {
      struct timespec nap = {0, 50000};
      nanosleep(&nap, NULL);
      continue;
    }
    while (sent < due) {
      int k = due - sent < BATCH ? (int)(due - sent) : BATCH;
      for (int i = 0; i < k; i++) {
        uint64_t idx = sent + i;
        int d = idx % n;
        memcpy(bufs[i], data[d], len[d]);
        uint32_t seq = htonl((uint32_t)(idx + 1));
        memcpy(bufs[i] + 16, &seq, 4);
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = len[d];
        memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
      }
      int r = sendmmsg(s, msgs, k, 0);
      if (r < 0 && (errno == EAGAIN || errno == ENOBUFS || errno == EINTR)) continue;
      if (r < 0) {
        /* e.g. ECONNREFUSED: nobody listening (yet); the datagrams are gone */
        errors += k;
        r = k;
      }
      for (int i = 0; i < r; i++) bytes += iov[i].iov_len;
      sent += r;
    }
  }
  printf("{\"sent\":%llu,\"sendErrors\":%llu,\"bytes\":%llu,\"elapsed\":%.3f}\n",
         (unsigned long long)sent, (unsigned long long)errors, (unsigned long long)bytes, now() - start);
  return 0;
}
