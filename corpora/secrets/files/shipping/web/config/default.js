'use strict';

module.exports = {
  service: 'identity',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51DuEdkbtwkr1Ct13Xrql3ZnICCAnVD4Hz4h5F47aZkGe7hQY0cATckVKpYIJXG4JGFQE7OoC5rUmJxrG8fd9VO9BSduYq3Yri8',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ7Atk5jJLpRyf-k2Y3X6dZ323-byKdge0iJODnNBY.JCSqW-0NYf6Jz84bHgMmhO',
  },
  recaptcha: {
    siteKey: '6LcPP_KnNZQ21wFY6rOkct46nKDoHRPeWQ2IAKX-',
  },
  sentry: {
    dsn: 'https://008dcb1291e2c205e8ae393de210f7e1@o862943.ingest.sentry.io/8259852',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'DmJvJdIKsCUC1_6rQ_N3XAkQZwed_282QeJAXdnp',
  },
  buildId: '12559aa9012300f98a7b',
};
