/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithImportProblem: a row of an imported file that nothing was written of, and why; an item of
 * the import dialog's list. "title" names the row as the file counts it ("Row 12").
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-import-problem.h"

struct _KithImportProblem
{
  GObject  parent_instance;

  guint    row;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (KithImportProblem, kith_import_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW,
  PROP_REASON,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_import_problem_finalize (GObject *object)
{
  g_free (KITH_IMPORT_PROBLEM (object)->reason);

  G_OBJECT_CLASS (kith_import_problem_parent_class)->finalize (object);
}

static void
kith_import_problem_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithImportProblem *self = KITH_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_TITLE:
      /* Translators: a row of an imported file, numbered as the file counts them */
      g_value_take_string (value, g_strdup_printf (_("Row %u"), self->row));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_import_problem_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithImportProblem *self = KITH_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_ROW:
      self->row = g_value_get_uint (value);
      break;
    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_import_problem_class_init (KithImportProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_import_problem_finalize;
  object_class->get_property = kith_import_problem_get_property;
  object_class->set_property = kith_import_problem_set_property;

  properties[PROP_ROW] = g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_import_problem_init (KithImportProblem *self)
{
}

KithImportProblem *
kith_import_problem_new (guint       row,
                         const char *reason)
{
  return g_object_new (KITH_TYPE_IMPORT_PROBLEM, "row", row, "reason", reason, NULL);
}

guint
kith_import_problem_get_row (KithImportProblem *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT_PROBLEM (self), 0);

  return self->row;
}

const char *
kith_import_problem_get_reason (KithImportProblem *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT_PROBLEM (self), NULL);

  return self->reason;
}
