# ruleid: docker-root-user
FROM python:3.12-slim
RUN pip install flask
CMD ["python", "app.py"]
