/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the setters of the model's properties share (GLib 2.74 has no g_set_str yet) */

#include "config.h"

#include "kith-model-util.h"

/* Replaces *@str by a copy of @value; returns whether it changed, so the setter notifies */
gboolean
kith_set_str (char       **str,
              const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);

  return TRUE;
}

/* As kith_set_str(), for a list of strings */
gboolean
kith_set_strv (GStrv              *strv,
               const char * const *value)
{
  if (*strv == NULL && value == NULL)
    return FALSE;
  if (*strv != NULL && value != NULL && g_strv_equal ((const char * const *) *strv, value))
    return FALSE;

  g_strfreev (*strv);
  *strv = g_strdupv ((char **) value);

  return TRUE;
}
