"""Attachments keep their bytes once by SHA-256 (outbox.StoredFile): existing rows are moved there."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models


def move_contents(apps, schema_editor):
    attachment_model = apps.get_model("outbox", "OutgoingAttachment")
    file_model = apps.get_model("outbox", "StoredFile")
    for attachment in attachment_model.objects.iterator():
        content = bytes(attachment.content)
        digest = hashlib.sha256(content).hexdigest()
        stored, _created = file_model.objects.get_or_create(
            sha256=digest, defaults={"content": content, "size": len(content)}
        )
        attachment.file = stored
        attachment.save(update_fields=["file"])


def restore_contents(apps, schema_editor):
    attachment_model = apps.get_model("outbox", "OutgoingAttachment")
    for attachment in attachment_model.objects.select_related("file").iterator():
        attachment.content = attachment.file.content
        attachment.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="StoredFile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sha256", models.CharField(max_length=64, unique=True, verbose_name="SHA-256")),
                ("content", models.BinaryField(verbose_name="content")),
                ("size", models.PositiveIntegerField(verbose_name="size (bytes)")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="stored")),
            ],
            options={"verbose_name": "stored file", "verbose_name_plural": "stored files"},
        ),
        migrations.AddField(
            model_name="outgoingattachment",
            name="file",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="outbox.storedfile",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="outgoingattachment", name="content", field=models.BinaryField(default=b"", verbose_name="content")
        ),
        migrations.RunPython(move_contents, restore_contents),
        migrations.RemoveField(model_name="outgoingattachment", name="content"),
        migrations.AlterField(
            model_name="outgoingattachment",
            name="file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="outbox.storedfile",
                verbose_name="file",
            ),
        ),
    ]
