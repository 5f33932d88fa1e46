/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-file-private.h"

/*
 * A file attached to a record: its name, where it is, its type and size, whether Kith keeps a
 * copy, and when it was attached. Once removed, it keeps what the store needs to put it back
 * (Undo): the file as it was removed, and where its copy was moved aside. That snapshot lives
 * only in memory, for the Undo toast; the undo of a deleted record keeps its files' rows in
 * its own persisted JSON, written and read only by kith-undo.c.
 */

struct _KithFile
{
  GObject     parent_instance;

  gint64      id;
  gint64      record_id;
  char       *name;
  char       *uri;
  char       *content_type;
  gint64      size;
  gboolean    copied;
  gint64      added;
  char       *aside_uri;
  KithFile   *removed;
};

G_DEFINE_FINAL_TYPE (KithFile, kith_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECORD_ID,
  PROP_NAME,
  PROP_URI,
  PROP_CONTENT_TYPE,
  PROP_SIZE,
  PROP_COPIED,
  PROP_ADDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_file_finalize (GObject *object)
{
  KithFile *self = (KithFile *)object;

  g_free (self->name);
  g_free (self->uri);
  g_free (self->content_type);
  g_free (self->aside_uri);
  g_clear_object (&self->removed);

  G_OBJECT_CLASS (kith_file_parent_class)->finalize (object);
}

static void
kith_file_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KithFile *self = KITH_FILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_COPIED:
      g_value_set_boolean (value, self->copied);
      break;
    case PROP_ADDED:
      g_value_set_int64 (value, self->added);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_file_class_init (KithFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_file_finalize;
  object_class->get_property = kith_file_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, NULL, flags);
  /* -1: unknown */
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  /* a copy in Kith's files folder, not a link to the user's own file */
  properties[PROP_COPIED] = g_param_spec_boolean ("copied", NULL, NULL, FALSE, flags);
  /* ms since the epoch */
  properties[PROP_ADDED] = g_param_spec_int64 ("added", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_file_init (KithFile *self)
{
  self->size = -1;
}

/* A file as its row says; @size -1 when unknown */
KithFile *
kith_file_new (gint64      id,
               gint64      record_id,
               const char *name,
               const char *uri,
               const char *content_type,
               gint64      size,
               gboolean    copied,
               gint64      added)
{
  KithFile *self = g_object_new (KITH_TYPE_FILE, NULL);

  self->id = id;
  self->record_id = record_id;
  self->name = g_strdup (name);
  self->uri = g_strdup (uri);
  self->content_type = g_strdup (content_type);
  self->size = size;
  self->copied = copied;
  self->added = added;

  return self;
}

/* Where kith_files_remove () moved the copy, for kith_files_restore (); %NULL for a link */
const char *
kith_file_get_aside_uri (KithFile *self)
{
  return self->aside_uri;
}

void
kith_file_set_aside_uri (KithFile   *self,
                         const char *aside_uri)
{
  g_free (self->aside_uri);
  self->aside_uri = g_strdup (aside_uri);
}

/* The file as kith_files_remove () removed it, for kith_files_restore () */
KithFile *
kith_file_get_removed (KithFile *self)
{
  return self->removed;
}

void
kith_file_set_removed (KithFile *self,
                       KithFile *removed)
{
  g_set_object (&self->removed, removed);
}

gint64
kith_file_get_id (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), 0);

  return self->id;
}

/**
 * kith_file_get_record_id:
 *
 * Returns: the record the file is attached to
 */
gint64
kith_file_get_record_id (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), 0);

  return self->record_id;
}

const char *
kith_file_get_name (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), NULL);

  return self->name;
}

const char *
kith_file_get_uri (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), NULL);

  return self->uri;
}

/**
 * kith_file_get_content_type:
 *
 * Returns: (nullable): the file's content type, when known
 */
const char *
kith_file_get_content_type (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), NULL);

  return self->content_type;
}

/**
 * kith_file_get_size:
 *
 * Returns: the size in bytes, or -1 when unknown
 */
gint64
kith_file_get_size (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), -1);

  return self->size;
}

/**
 * kith_file_get_added:
 *
 * Returns: when the file was attached, in ms since the epoch
 */
gint64
kith_file_get_added (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), 0);

  return self->added;
}

/**
 * kith_file_get_copied:
 *
 * Returns: whether Kith keeps a copy of the file, rather than a link to where it is
 */
gboolean
kith_file_get_copied (KithFile *self)
{
  g_return_val_if_fail (KITH_IS_FILE (self), FALSE);

  return self->copied;
}
