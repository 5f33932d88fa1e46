/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailMerge: a mail merge as a whole, as the Mail Merges page shows it (docs/merge.md): the
 * template's name, the state, how many recipients are sent, failed, excluded and still to send
 * (pending or queued), and when it finishes — the last one's time while some are still to send,
 * the time it ended once finished or cancelled. The store's calls make them
 * (kith_store_mail_merge_list()); a list read again updates the ones shown with
 * kith_object_update(), so every count notifies when it changes, and `fraction` with it.
 */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include "kith-enums.h"
#include "kith-mail-merge-item.h"

struct _KithMailMerge
{
  GObject parent_instance;

  gint64 id;
  char *title;
  KithMergeState state;
  guint counts[4];   /* sent, failed, excluded, pending: as PROP_SENT … PROP_PENDING */
  guint total;
  gint64 finish;
  gint64 created;
};

G_DEFINE_FINAL_TYPE (KithMailMerge, kith_mail_merge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATE,
  PROP_SENT,
  PROP_FAILED,
  PROP_EXCLUDED,
  PROP_PENDING,
  PROP_TOTAL,
  PROP_FINISH,
  PROP_CREATED,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_mail_merge_finalize (GObject *object)
{
  KithMailMerge *self = KITH_MAIL_MERGE (object);

  g_free (self->title);

  G_OBJECT_CLASS (kith_mail_merge_parent_class)->finalize (object);
}

static void
kith_mail_merge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithMailMerge *self = KITH_MAIL_MERGE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_SENT: case PROP_FAILED: case PROP_EXCLUDED: case PROP_PENDING:
      g_value_set_uint (value, self->counts[prop_id - PROP_SENT]);
      break;
    case PROP_TOTAL: g_value_set_uint (value, self->total); break;
    case PROP_FINISH: g_value_set_int64 (value, self->finish); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_FRACTION: g_value_set_double (value, kith_mail_merge_get_fraction (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A count changed: the fraction done changes with it */
static void
set_count (KithMailMerge *self,
           guint         *field,
           guint          value,
           guint          prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
kith_mail_merge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithMailMerge *self = KITH_MAIL_MERGE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_STATE:
      if (self->state != (KithMergeState) g_value_get_enum (value))
        {
          self->state = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SENT: case PROP_FAILED: case PROP_EXCLUDED: case PROP_PENDING:
      set_count (self, &self->counts[prop_id - PROP_SENT], g_value_get_uint (value), prop_id);
      break;
    case PROP_TOTAL: set_count (self, &self->total, g_value_get_uint (value), prop_id); break;
    case PROP_FINISH:
      if (self->finish != g_value_get_int64 (value))
        {
          self->finish = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CREATED: self->created = g_value_get_int64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
count_param (const char *name,
             const char *blurb)
{
  return g_param_spec_uint (name, NULL, blurb, 0, G_MAXUINT, 0,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
kith_mail_merge_class_init (KithMailMergeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags once = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_mail_merge_finalize;
  object_class->get_property = kith_mail_merge_get_property;
  object_class->set_property = kith_mail_merge_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, "The merge's id", 0, G_MAXINT64, 0, once);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, "Its template's name", NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, "Draft, running, paused, cancelled or finished",
                                              KITH_TYPE_MERGE_STATE, KITH_MERGE_DRAFT, flags);
  properties[PROP_SENT] = count_param ("sent", "How many recipients the server accepted");
  properties[PROP_FAILED] = count_param ("failed", "How many the server refused for good");
  properties[PROP_EXCLUDED] = count_param ("excluded", "How many are left out");
  properties[PROP_PENDING] = count_param ("pending", "How many are still to send: pending or queued");
  properties[PROP_TOTAL] = count_param ("total", "How many recipients in all");
  properties[PROP_FINISH] = g_param_spec_int64 ("finish", NULL,
                                                "When the last one still to send is due, or when it ended (ms; 0: not known)",
                                                0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, "When it was made (ms)", 0, G_MAXINT64, 0, once);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, "How much is done: sent, failed or excluded, of all",
                                                   0.0, 1.0, 0.0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_mail_merge_init (KithMailMerge *self)
{
}

gint64
kith_mail_merge_get_id (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->id;
}

const char *
kith_mail_merge_get_title (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), NULL);

  return self->title;
}

KithMergeState
kith_mail_merge_get_state (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), KITH_MERGE_DRAFT);

  return self->state;
}

guint
kith_mail_merge_get_sent (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->counts[PROP_SENT - PROP_SENT];
}

guint
kith_mail_merge_get_failed (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->counts[PROP_FAILED - PROP_SENT];
}

guint
kith_mail_merge_get_excluded (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->counts[PROP_EXCLUDED - PROP_SENT];
}

guint
kith_mail_merge_get_pending (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->counts[PROP_PENDING - PROP_SENT];
}

guint
kith_mail_merge_get_total (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->total;
}

gint64
kith_mail_merge_get_finish (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->finish;
}

gint64
kith_mail_merge_get_created (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0);

  return self->created;
}

/**
 * kith_mail_merge_get_fraction:
 *
 * Returns: how much of the merge is done, 0 to 1: its recipients sent, failed or excluded, of
 *   all
 */
double
kith_mail_merge_get_fraction (KithMailMerge *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (self), 0.0);

  if (self->total == 0)
    return 0.0;
  return (double) (self->counts[0] + self->counts[1] + self->counts[2]) / self->total;
}
