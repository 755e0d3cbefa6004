'use strict';

module.exports = {
  service: 'reports',
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY,
    publishableKey: 'pk_live_51qcou0VRbq9jjhZSJq0PNEpkdGF9grMlgtoKOmbWgcOPVMcpoHLaR5GBGHB02RnKZHTokNQ4WjaJtoaqShTH9sC6qktUREy1vG',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ5uNul6XuzmWCEBYZVtkJeiGj_MLU6lspkAA43teR.NcJR20LJiqjVwsdQ25Qk2u',
  },
  recaptcha: {
    siteKey: '6LczQki06MFrQF8ufP9i612Ol3cb0xLt9FlddAY9',
  },
  sentry: {
    dsn: 'https://2c818c8d80b45e6dd2eb84d040abef6a@o333538.ingest.sentry.io/9876143',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: 'c90c6cbe2c18099b7fcf',
};
