import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = '^vf6-kb7c-eu-m27ai@i%4ltr%*vb-cgn_l#ze=f!70x^*f@6#'
DEBUG = False
ALLOWED_HOSTS = ['.example.org']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'ledger',
        'USER': 'ledger',
        'PASSWORD': os.getenv('DB_PASSWORD', ''),
        'HOST': 'db',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

POSTMAN_API_KEY = "PMAK-d29ee21636cbe6516fb1aaa5-99f0f61f9e8d0f8bd4c0b52b6dc36b8b9e"
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_TYPE = "Bearer"
STATIC_VERSION = "8b425d884c22"
