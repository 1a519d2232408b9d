/* storyline CLI: `train-ner`, the named-entity tagger trained from
 * CoNLL-2003 files into a model file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cli.h"
#include "storyline/who.h"

enum { READ_CAP = 512 << 20 };

static const char *const GAZ_FILES[SL_GAZ__COUNT] = {
    "gazetteer-country.txt", "gazetteer-place.txt", "gazetteer-misc.txt",
    "gazetteer-proper.txt", "gazetteer-common.txt"};

static void on_epoch(void *ud, int epoch, const sl_ner_scores *dev) {
  (void)ud;
  if (dev)
    fprintf(stderr, "epoch %d: dev precision %.4f recall %.4f F1 %.4f\n", epoch,
            dev->all.precision, dev->all.recall, dev->all.f1);
  else
    fprintf(stderr, "epoch %d\n", epoch);
}

typedef struct args {
  const char *train, *dev, *out, *gaz;
  int epochs;
} args;

static int parse(args *a, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char **slot = strcmp(argv[i], "--train") == 0        ? &a->train
                        : strcmp(argv[i], "--dev") == 0        ? &a->dev
                        : strcmp(argv[i], "--out") == 0        ? &a->out
                        : strcmp(argv[i], "--gazetteers") == 0 ? &a->gaz
                                                               : NULL;
    if (cli_is_help(argv[i]))
      return -1;
    bool epochs = strcmp(argv[i], "--epochs") == 0;
    uint64_t n;
    if ((epochs || slot) && i + 1 == argc)
      return cli_missing_value(&cmd_train_ner, argv[i]);
    if (epochs) {
      if (!cli_number(argv[++i], 1, 1000, &n))
        return cli_bad_number(&cmd_train_ner, "--epochs", argv[i], 1, 1000);
      a->epochs = (int)n;
    } else if (slot) {
      *slot = argv[++i];
    } else {
      return cli_usage_error(&cmd_train_ner, "unexpected argument '%s'",
                             argv[i]);
    }
  }
  return 0;
}

static int train(const args *a) {
  sl_ner_train_opts o = {0};
  o.epochs = a->epochs;
  o.seed = 2003;
  o.on_epoch = on_epoch;
  char *train = cli_read(a->train, READ_CAP, false, &o.train_len), *dev = NULL;
  o.train = train;
  if (!train) {
    cli_error("cannot read '%s'", a->train);
    return EXIT_SOME_FAILED;
  }
  if (a->dev && !(dev = cli_read(a->dev, READ_CAP, false, &o.dev_len)))
    cli_error("cannot read '%s' (going on without a dev set)", a->dev);
  o.dev = dev;
  char *gaz[SL_GAZ__COUNT] = {0};
  for (int k = 0; k < SL_GAZ__COUNT; k++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", a->gaz, GAZ_FILES[k]);
    o.gaz[k] = gaz[k] = cli_read(path, READ_CAP, false, &o.gaz_len[k]);
    if (!gaz[k])
      cli_error("cannot read '%s' (going on without it)", path);
  }
  char *model = NULL;
  size_t len = 0;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_ner_train(&o, &model, &len, &err);
  free(train);
  free(dev);
  for (int k = 0; k < SL_GAZ__COUNT; k++)
    free(gaz[k]);
  if (st != SL_OK) {
    cli_error("training failed: %s", err.msg[0] ? err.msg : sl_status_str(st));
    return EXIT_SOME_FAILED;
  }
  FILE *f = fopen(a->out, "wb");
  bool ok = f && fwrite(model, 1, len, f) == len;
  ok = f && fclose(f) == 0 && ok;
  free(model);
  if (!ok) {
    cli_error("cannot write '%s'", a->out);
    return EXIT_SOME_FAILED;
  }
  fprintf(stderr, "wrote %s (%zu bytes)\n", a->out, len);
  return EXIT_OK;
}

static int run(const cli *c, int argc, char **argv) {
  (void)c;
  args a = {"../shared/data/ner/eng.train.gz", NULL, "models/ner.model",
            "models", 0};
  int rc = parse(&a, argc, argv);
  if (rc < 0)
    return cli_help(&cmd_train_ner);
  return rc ? rc : train(&a);
}

const command cmd_train_ner = {
    "train-ner", run,
    "storyline train-ner [--train FILE] [--dev FILE] [--out PATH] "
    "[--epochs N] [--gazetteers DIR]",
    "Trains the named-entity tagger (an averaged perceptron over BILOU tags)\n"
    "on CoNLL-2003 columns and writes the model file. --train defaults to\n"
    "../shared/data/ner/eng.train.gz (gzip or plain), --out to\n"
    "models/ner.model, --gazetteers to models (the gazetteer-*.txt lists,\n"
    "folded into the model). With --dev, prints the development F1 after\n"
    "each epoch (use it to choose --epochs; the default is 12). The same\n"
    "inputs give the same model bytes.\n"};
