# The web/worker image for docker-compose.yml (many machines). One image, several commands.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /srv/muntij muntij
WORKDIR /srv/muntij
COPY . .
RUN pip install --no-cache-dir . && chown -R muntij /srv/muntij
USER muntij
EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]
