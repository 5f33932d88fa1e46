/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_IMPORT_PROBLEM (kith_import_problem_get_type ())
G_DECLARE_FINAL_TYPE (KithImportProblem, kith_import_problem, KITH, IMPORT_PROBLEM, GObject)

KithImportProblem *kith_import_problem_new        (guint              row,
                                                   const char        *reason);
guint              kith_import_problem_get_row    (KithImportProblem *self);
const char        *kith_import_problem_get_reason (KithImportProblem *self);

G_END_DECLS
